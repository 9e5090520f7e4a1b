"""Mailroom's API driven by a client generated from its own OpenAPI document
(openapi-python-client): an address created, listed, shared and deleted.

Usage: api_client_story.py BASE_URL TOKEN DOMAIN MEMBER_LOGIN
The generated package `mailroom_api` must be importable (PYTHONPATH).
Prints one line per step; exits non-zero at the first unexpected answer.
"""

import sys

from mailroom_api import AuthenticatedClient
from mailroom_api.api.addresses import (
    create_address,
    delete_address,
    list_addresses,
    show_address,
)
from mailroom_api.api.users import share_address
from mailroom_api.models import AddUser, CreateAddress, ForWhom, PermissionName


def expect(step, response, status):
    if response.status_code != status:
        sys.exit(f"{step}: {response.status_code} {response.content!r}")
    return response.parsed


def main():
    base, token, domain, member = sys.argv[1:5]
    client = AuthenticatedClient(base_url=base, token=token)

    body = CreateAddress(
        local_part="generated",
        for_=ForWhom.MULTIPLE,
        password="a long enough password",
    )
    made = expect("create", create_address.sync_detailed(domain, client=client, body=body), 201)
    print("created", made.address)

    page = expect("list", list_addresses.sync_detailed(domain, client=client), 200)
    names = [item.address for item in page.items]
    if made.address not in names:
        sys.exit(f"list: {made.address} not in {names}")
    print("listed", len(names))

    user = AddUser(email=member, permissions=[PermissionName.HISTORY])
    added = expect(
        "share",
        share_address.sync_detailed(domain, "generated", client=client, body=user),
        201,
    )
    print("shared", added.result, added.user_id)

    detail = expect("show", show_address.sync_detailed(domain, "generated", client=client), 200)
    held = [(u.login, [p.value for p in u.permissions]) for u in detail.users]
    print("users", held)

    deleted = delete_address.sync_detailed(domain, "generated", client=client, confirm=True)
    expect("delete", deleted, 204)
    gone = show_address.sync_detailed(domain, "generated", client=client)
    expect("gone", gone, 404)
    print("deleted")


if __name__ == "__main__":
    main()
