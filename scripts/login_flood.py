"""`scripts/bench flood`: N simultaneous logins (wrong passwords for N
accounts from N clients behind a trusted proxy, so that the login throttle
lets each one through to a password check) against a running Mailroom.
Prints how many were checked (401) and how many were told to retry (503).

usage: login_flood.py BASE_URL N
"""
import http.cookiejar
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

base, count = sys.argv[1], int(sys.argv[2])
ready = threading.Barrier(count)
answers = Counter()
lock = threading.Lock()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login(i):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    client = f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
    headers = {"X-Forwarded-For": client}
    page = opener.open(urllib.request.Request(base + "/login", headers=headers)).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"_csrf": token, "email": f"nobody{i}@bench.example", "password": "a wrong password"}
    ).encode()
    ready.wait()
    try:
        status = opener.open(urllib.request.Request(base + "/login", data=body, headers=headers)).status
    except urllib.error.HTTPError as e:
        status = e.code
    with lock:
        answers[status] += 1


threads = [threading.Thread(target=login, args=(i,)) for i in range(count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(" ".join(f"{status}: {n}" for status, n in sorted(answers.items())))
