#!/usr/bin/env python3
"""A tiny stand-in for RabbitMQ's AMQP 0-9-1 login, for the worker checks' integration test (a real RabbitMQ is too
heavy for it). Usage: fake_amqp_broker.py PORT [CERT KEY], the expected password on standard input (one line).

It listens on 127.0.0.1:PORT (TLS with CERT and KEY when given), sends Connection.Start, and accepts the login
(Tune, Open-Ok) only when the client's Start-Ok carries the expected password, else closes the connection with
403 ACCESS_REFUSED as RabbitMQ does. One line per connection on standard output: "login ok" or "login refused".
Nothing else of AMQP is spoken: this is enough for kombu's Connection.connect() and release(), no more.
"""
import socket
import ssl
import struct
import sys


def frame(payload):
    return struct.pack(">BHI", 1, 0, len(payload)) + payload + b"\xce"


def shortstr(text):
    return struct.pack(">B", len(text)) + text


def longstr(text):
    return struct.pack(">I", len(text)) + text


def read_exact(conn, size):
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError("client closed the connection")
        data += chunk
    return data


def read_frame(conn):
    kind, channel, size = struct.unpack(">BHI", read_exact(conn, 7))
    payload = read_exact(conn, size)
    read_exact(conn, 1)
    return payload


START = frame(struct.pack(">HHBB", 10, 10, 0, 9) + struct.pack(">I", 0) + longstr(b"PLAIN AMQPLAIN") +
              longstr(b"en_US"))
TUNE = frame(struct.pack(">HHHIH", 10, 30, 2047, 131072, 0))
OPEN_OK = frame(struct.pack(">HH", 10, 41) + shortstr(b""))
CLOSE_OK = frame(struct.pack(">HH", 10, 51))
REFUSED = frame(struct.pack(">HHH", 10, 50, 403) +
                shortstr(b"ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. "
                         b"For details see the broker logfile.") + struct.pack(">HH", 0, 0))


def serve(conn, password):
    read_exact(conn, 8)  # the protocol header, AMQP\0\0\x09\x01
    conn.sendall(START)
    start_ok = read_frame(conn)
    if not password or password not in start_ok:
        print("login refused", flush=True)
        conn.sendall(REFUSED)
        read_frame(conn)  # Close-Ok
        return
    conn.sendall(TUNE)
    read_frame(conn)  # Tune-Ok
    read_frame(conn)  # Connection.Open
    conn.sendall(OPEN_OK)
    print("login ok", flush=True)
    if read_frame(conn)[:4] == struct.pack(">HH", 10, 50):  # Connection.Close from release()
        conn.sendall(CLOSE_OK)


def main():
    port = int(sys.argv[1])
    password = sys.stdin.readline().rstrip("\n").encode()
    context = None
    if len(sys.argv) > 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(8)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        try:
            if context:
                conn = context.wrap_socket(conn, server_side=True)
            serve(conn, password)
        except (OSError, EOFError, ssl.SSLError) as error:
            print("error", error, flush=True)
        finally:
            conn.close()


if __name__ == "__main__":
    main()
