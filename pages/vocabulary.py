"""Every UI word the harness reads or clicks, per Element dialect: a new wording is one edit here.

Dialect "2024" is what matrix-react-sdk 3.114 (the embedded Element) says, which is also the
guide's wording. Dialect "2026" is newer Element, which says Remove where the guide says Sign out.

These labels FIND elements. The guide's own words, and what it means by them, are the guide
model's (guide/statements.yaml): where Element's words differ from the guide's, scenarios check
the behaviour and record the word they saw, so the conformance report shows the drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Vocabulary:
    dialect: str
    # User menu
    user_menu_button: str = "User menu"
    all_settings: str = "All settings"
    quick_settings: tuple[str, ...] = ("Notifications", "Security & Privacy")
    # Settings dialog
    first_tab: str = "Account"
    sessions_tab: str = "Sessions"
    # Sessions tab
    current_session_heading: str = "Current session"
    security_recommendations_heading: str = "Security recommendations"
    unverified_sessions: str = "Unverified sessions"
    inactive_sessions: str = "Inactive sessions"
    view_all: str = "View all"
    verified_session: str = "Verified session"
    unverified_session: str = "Unverified session"
    verified: str = "Verified"
    unverified: str = "Unverified"
    verify_session: str = "Verify session"
    show_details: str = "Show details"
    session_id: str = "Session ID"
    rename: str = "Rename"
    cancel: str = "Cancel"
    # Sign-out family
    menu_sign_out: str = "Sign out"
    sign_out_this_session: str = "Sign out of this session"
    sign_out_all_other: str = "Sign out of all other sessions ({n})"
    select_all: str = "Select all"
    sign_out_selection: str = "Sign out"
    n_sessions_selected: str = "{n} session{s} selected"
    sessions_list_header: str = "Sessions"
    sign_out_question_title: str = "Sign out"
    sign_out_question: str = "Are you sure you want to sign out of {n} session{s}?"
    # Dialogs
    password_dialog_title: str = "Authentication"
    password_field: str = "Password"
    continue_button: str = "Continue"
    close_dialog: str = "Close dialog"
    # Verification
    verify_this_session: str = "Verify this session"
    verify_with_recovery_key: str = "Verify with Security Key"
    recovery_key_field: str = "Security Key"
    device_now_verified: str = "Your new device is now verified"
    done: str = "Done"
    # Filters
    filter_button: str = "Filter devices"
    filter_chosen: str = "Show: {label}"
    no_verified_sessions: str = "No verified sessions found."
    no_unverified_sessions: str = "No unverified sessions found."
    no_inactive_sessions: str = "No inactive sessions found."
    show_all: str = "Show all"
    # Push
    push_heading: str = "Push notifications"
    # Current session: its status card and its details table
    verified_current_description: str = "Your current session is ready for secure messaging."
    unverified_current_description: str = "Verify your current session for enhanced secure messaging."
    details_application_name: str = "Name"
    details_ip_address: str = "IP address"
    # A session's device (from the user agent the homeserver reports): the type icon's label, and
    # the Device table's rows
    device_type_labels: tuple[tuple[str, str], ...] = (
        ("Desktop", "Desktop session"), ("Mobile", "Mobile session"), ("Web", "Web session"),
        ("Unknown", "Unknown session type"))
    details_model: str = "Model"
    details_operating_system: str = "Operating system"
    details_browser: str = "Browser"
    # Signing out of the current session (Element's LogoutDialog, in one of its two forms)
    logout_confirm: str = "Sign out"
    logout_question: str = "Are you sure you want to sign out?"
    logout_lose_keys_title: str = "You'll lose access to your encrypted messages"
    logout_skip_backup: str = "I don't want my encrypted messages"
    # Login page
    username_field: str = "Username"
    sign_in_button: str = "Sign in"

    def device_type_label(self, device_type: str) -> str:
        """Element's label for a device type (Desktop, Mobile, Web, Unknown)."""
        return dict(self.device_type_labels)[device_type]

    def sign_out_all_other_label(self, n: int) -> str:
        return self.sign_out_all_other.format(n=n)

    def n_sessions_selected_label(self, n: int) -> str:
        return self.n_sessions_selected.format(n=n, s="" if n == 1 else "s")

    def sign_out_question_text(self, n: int) -> str:
        return self.sign_out_question.format(n=n, s="" if n == 1 else "s")

    def pattern(self, template: str) -> re.Pattern:
        """A regex for a label template with {n}-style holes, to read counts off the page."""
        escaped = re.escape(template)
        return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\w*)", escaped))


DIALECTS = {
    "2024": Vocabulary(dialect="2024"),
    "2026": replace(
        Vocabulary(dialect="2024"),
        dialect="2026",
        sign_out_this_session="Remove this session",
        sign_out_all_other="Remove all other sessions ({n})",
        menu_sign_out="Remove this device",
    ),
}
DEFAULT_DIALECT = "2024"


def vocabulary(dialect: str = DEFAULT_DIALECT) -> Vocabulary:
    try:
        return DIALECTS[dialect]
    except KeyError:
        raise ValueError(f"--ui-dialect: {dialect!r} is not one of {', '.join(DIALECTS)}") from None
