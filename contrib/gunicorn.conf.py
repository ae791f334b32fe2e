"""gunicorn configuration of the IKZ-Plattform (contrib/systemd/ikz.service starts it).

Values can be overridden per host with GUNICORN_CMD_ARGS, e.g. GUNICORN_CMD_ARGS="--workers 5"."""

import multiprocessing

bind = "unix:/run/ikz/gunicorn.sock"
# 2 x cores + 1, at most 9: every worker keeps one database connection (IKZ_DB_CONN_MAX_AGE).
workers = min(2 * multiprocessing.cpu_count() + 1, 9)
# Pages answer in well under a second; anything long runs as a background job (docs/betrieb.md).
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter): memory stays flat over months.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# the client address for the access log and the login throttling comes from nginx (IKZ_PROXY_COUNT=1)
forwarded_allow_ips = "127.0.0.1"
