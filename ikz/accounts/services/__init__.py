"""State changes of accounts: logins and the second factor (``login``), and people and access —
invitations, roles, deactivation (``people``). The public names are re-exported here."""

from ikz.accounts.services.login import (
    LoginThrottled,
    check_login_allowed,
    check_second_factor,
    clear_login_failures,
    confirm_totp,
    record_login_failure,
    regenerate_recovery_codes,
    remove_totp,
    start_totp_setup,
    verify_second_factor,
)
from ikz.accounts.services.people import (
    Invited,
    accept_invitation,
    consume_sso_invitations,
    deactivate_person,
    grant_role,
    invite_person,
    reactivate_person,
    renew_invitation,
    resend_invitation,
    reset_two_factor,
    send_invitation_mail,
    take_role,
)

__all__ = [
    "Invited",
    "LoginThrottled",
    "accept_invitation",
    "check_login_allowed",
    "check_second_factor",
    "clear_login_failures",
    "confirm_totp",
    "consume_sso_invitations",
    "deactivate_person",
    "grant_role",
    "invite_person",
    "reactivate_person",
    "record_login_failure",
    "regenerate_recovery_codes",
    "remove_totp",
    "renew_invitation",
    "resend_invitation",
    "reset_two_factor",
    "send_invitation_mail",
    "start_totp_setup",
    "take_role",
    "verify_second_factor",
]
