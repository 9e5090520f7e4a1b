"""The outside reference of `scripts/bench csv`: argon2-cffi (the C
reference implementation) hashing the same passwords with Mailroom's
parameters (argon2id, m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash),
in as many processes as there are cores.

usage: argon2_reference.py FILE.csv   (the second column is the password)
"""
import csv
import multiprocessing
import sys

from argon2 import PasswordHasher

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)


def hash_one(password):
    return len(HASHER.hash(password))


def main():
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.reader(f))[1:]
    passwords = [row[1] for row in rows]
    with multiprocessing.Pool(multiprocessing.cpu_count()) as pool:
        hashed = pool.map(hash_one, passwords, chunksize=8)
    print(f"{len(hashed)} hashes")


if __name__ == "__main__":
    main()
