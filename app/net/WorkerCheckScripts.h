#pragma once

namespace saltant {

// The Python scripts WorkerChecks runs on a worker host (python3 -c SCRIPT ARG...): values come as arguments, the
// broker URL on standard input. Each prints one line starting with a word WorkerChecks::interpret() reads, and exits
// with a code it knows (TimedOut 3, Unverified 4, TlsFailed 5, LoginFailed 6, in WorkerChecks.cpp).
namespace WorkerCheckScripts {

inline constexpr const char* PortScript = "import socket, sys\n"
                                          "h, p, t = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])\n"
                                          "try:\n"
                                          "    s = socket.create_connection((h, p), t)\n"
                                          "except socket.timeout:\n"
                                          "    print('timeout'); sys.exit(3)\n"
                                          "except OSError as e:\n"
                                          "    print('error', e.strerror or e); sys.exit(2)\n"
                                          "print('connected', s.getpeername()[0]); s.close()\n";

inline constexpr const char* TlsScript =
    "import socket, ssl, sys, time\n"
    "h, p, t, n = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]\n"
    "c = ssl.create_default_context(cafile=sys.argv[5] if len(sys.argv) > 5 else None)\n"
    "try:\n"
    "    with socket.create_connection((h, p), t) as s:\n"
    "        with c.wrap_socket(s, server_hostname=n) as x:\n"
    "            n = x.getpeercert().get('notAfter')\n"
    "            d = int((ssl.cert_time_to_seconds(n) - time.time()) // 86400) if n else -1\n"
    "            print('verified', x.version(), d)\n"
    "except ssl.SSLCertVerificationError as e:\n"
    "    print('unverified', e.verify_message); sys.exit(4)\n"
    "except ssl.SSLError as e:\n"
    "    print('tls', e.reason or e); sys.exit(5)\n"
    "except socket.timeout:\n"
    "    print('timeout'); sys.exit(3)\n"
    "except OSError as e:\n"
    "    print('error', e.strerror or e); sys.exit(2)\n";

inline constexpr const char* AmqpScript = "import sys\n"
                                          "u = sys.stdin.readline().rstrip('\\n')\n"
                                          "try:\n"
                                          "    import ssl\n"
                                          "    from kombu import Connection\n"
                                          "except Exception as e:\n"
                                          "    print('import', e); sys.exit(5)\n"
                                          "o = False\n"
                                          "if sys.argv[2] == '1':\n"
                                          "    o = {'cert_reqs': ssl.CERT_REQUIRED, 'server_hostname': sys.argv[1]}\n"
                                          "    if len(sys.argv) > 4:\n"
                                          "        o['ca_certs'] = sys.argv[4]\n"
                                          "c = Connection(u, ssl=o, connect_timeout=float(sys.argv[3]))\n"
                                          "try:\n"
                                          "    c.connect()\n"
                                          "    print('ok')\n"
                                          "except Exception as e:\n"
                                          "    print(type(e).__name__, e); sys.exit(6)\n"
                                          "finally:\n"
                                          "    c.release()\n";

inline constexpr const char* VenvScript = "import os, sys\n"
                                          "try:\n"
                                          "    import celery\n"
                                          "except Exception as e:\n"
                                          "    print('celery', type(e).__name__, e); sys.exit(5)\n"
                                          "if not os.path.exists('.env'):\n"
                                          "    print('celery-only', celery.__version__); sys.exit(0)\n"
                                          "try:\n"
                                          "    __import__(sys.argv[1])\n"
                                          "except Exception as e:\n"
                                          "    print('app', type(e).__name__, e); sys.exit(6)\n"
                                          "print('both', celery.__version__)\n";

} // namespace WorkerCheckScripts

} // namespace saltant
