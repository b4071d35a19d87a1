"""A Celery worker and client on the test machine, outside the real server, using saltant's own app.

    python3 e2e_celery.py worker            runs saltant's Celery app as a worker on queue e2e
    python3 e2e_celery.py send VALUE        sends e2e.echo(VALUE) and prints the result
    python3 e2e_celery.py send-builtin VALUE QUEUE
                                            sends Celery's built-in celery.accumulate(VALUE) to QUEUE, for a
                                            worker that runs saltant's own app (it knows no e2e task)

Run with the saltant checkout (and the generated .env in it) as working directory. The broker URL is the
.env's CELERY_BROKER_URL, unchanged. Two things differ from saltant's own settings, both to prove more:
- TLS verifies the broker's certificate against E2E_CA_FILE (saltant itself sets cert_reqs=CERT_NONE);
- host names in E2E_RESOLVE ("name,name") resolve to 127.0.0.1 (the real server shares this machine's
  network; there is no DNS for the test domain), as curl --resolve does, so SNI and the host-name check
  see the real name.
"""
import os
import socket
import ssl
import sys

_names = {n for n in os.environ.get("E2E_RESOLVE", "").split(",") if n}
_getaddrinfo = socket.getaddrinfo


def _resolve(host, *args, **kwargs):
    return _getaddrinfo("127.0.0.1" if host in _names else host, *args, **kwargs)


socket.getaddrinfo = _resolve

sys.path.insert(0, os.getcwd())
from saltant.celery import app  # noqa: E402  (saltant reads .env on import)
from kombu.utils.url import urlparse  # noqa: E402

broker = urlparse(app.conf.broker_url)
app.conf.broker_use_ssl = {
    "cert_reqs": ssl.CERT_REQUIRED,
    "ca_certs": os.environ["E2E_CA_FILE"],
    "server_hostname": broker.hostname,
}
app.conf.result_backend = "rpc://"
app.conf.broker_connection_retry = False
app.conf.broker_connection_max_retries = 0


@app.task(name="e2e.echo")
def echo(value):
    return "echo:" + value


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        app.worker_main(["worker", "-Q", "e2e", "--concurrency", "1", "--pool", "solo", "--hostname",
                         "e2e@%h", "--without-gossip", "--without-mingle", "--loglevel", "INFO"])
    elif sys.argv[1] == "send":
        result = echo.apply_async(args=[sys.argv[2]], queue="e2e")
        print(result.get(timeout=float(os.environ.get("E2E_TIMEOUT", "60"))))
    elif sys.argv[1] == "send-builtin":
        print(app.send_task("celery.accumulate", args=[sys.argv[2]], queue=sys.argv[3]).id)
    else:
        sys.exit("usage: e2e_celery.py worker|send VALUE|send-builtin VALUE QUEUE")
