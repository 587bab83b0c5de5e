@current_session
Feature: Current session
  The guide: this section shows the details of the session in use. One device can hold several
  sessions (Element Web and Element Desktop), and each is listed on its own. An unverified current
  session is offered a way to begin verification. The 3-dot menu signs out of the current
  session (or all sessions), after which the user must log in again. The expand arrow shows more
  details, with Sign out of this session, Rename and a Push notifications toggle.

  @G9
  Scenario: The current session shows the details of the session in use
    Given a user with cross-signing set up, signed in to Element in the browser
    And the user has opened the Sessions settings
    When the user expands the current session's details
    Then the current session's name and Session ID are what the server has for the browser's device
    And the current session says it is unverified, and the server has no cross-signing signature on it

  @G9 @G11
  Scenario: A verified current session says it is ready for secure messaging
    Given a user whose browser session is verified, with these other sessions:
      | name        | state    |
      | Work laptop | verified |
    When the user opens the Sessions settings
    Then the current session says it is a verified session, ready for secure messaging
    And the current session offers no verification
    And on the server the browser's device is signed by the user's self-signing key

  @G11
  Scenario: An unverified current session is offered verification, and the offer starts it
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state    |
      | Work laptop | verified |
    And the user has opened the Sessions settings
    Then the current session says it is unverified and offers to verify it
    When the user clicks Verify session on the current session
    Then Element asks the user to verify this session
    When the user verifies this session with the recovery key
    Then the current session says it is a verified session, ready for secure messaging
    And on the server the browser's device is signed by the user's self-signing key

  @G10
  Scenario: An Element Web and an Element Desktop session on one machine are listed separately
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state      | client          | client version | ip        |
      | Desktop app | unverified | Element Desktop | 1.11.85        | 127.0.0.1 |
    And the user has let Element record its client information
    And the user has opened the Sessions settings
    Then the server has the browser's session and "Desktop app" as two devices seen from one IP address
    And the current session is the browser's and "Desktop app" is listed under Other sessions
    And the details of the current session and of "Desktop app" each show their own Session ID, from that IP address
    And "Desktop app" shows the application "Element Desktop" and the current session its own, as each recorded it on the server

  # The guide's way is the mouse. On Element 3.114 the mouse rows fail, naming and outlining what
  # covers the item (pages/hit_test.py says why); features/expectations.yaml lists them. The
  # keyboard rows prove what the menu does for keyboard users. These outlines reach the settings
  # the guide's way: by Element's own shortcut the same menus open on top and the mouse rows pass
  # (tests/test_sessions_routes.py), so the way in is part of what the user meets.
  @G12 @G13
  Scenario Outline: Signing out of the current session ends it, and the user must log in again
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state      |
      | Work laptop | unverified |
    And the user has opened the Sessions settings from the profile menu
    When the user signs out of the current session with <way>
    Then Element shows its login page
    And the server rejects the browser session's access token as unknown
    And "Work laptop" is still signed in on the server
    And reopening Element shows the login page again

    Examples: by the 3-dot menu with the mouse or the keyboard, or by the details
      | way                                           |
      | Sign out in the 3-dot menu, with the mouse    |
      | Sign out in the 3-dot menu, with the keyboard |
      | Sign out of this session in its details       |

  @G12
  Scenario Outline: The 3-dot menu signs out of all other sessions, after asking for the password
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state      |
      | Work laptop | verified   |
      | Old phone   | unverified |
      | Bare login  | no-keys    |
    And the user has opened the Sessions settings from the profile menu
    When the user opens the current session's 3-dot menu
    Then the menu offers Sign out, and Sign out of all other sessions counting the other sessions on the server
    When the user picks Sign out of all other sessions from that menu with <input>
    And the user confirms signing out 3 sessions with the account password
    Then no other session is left, on the page or on the server
    And the browser's own session is still signed in

    Examples: with the mouse, as the guide says, and by keyboard
      | input        |
      | the mouse    |
      | the keyboard |

  @G13
  Scenario: The expand arrow shows Sign out of this session, Rename and Push notifications
    Given a user signed in to Element in the browser
    And the user has opened the Sessions settings
    When the user expands the current session's details
    Then the current session's details offer Sign out of this session, Rename and a Push notifications toggle
    And the Push notifications toggle shows the notification setting the server has for the browser's device

  @G13
  Scenario Outline: Renaming the current session changes its name on screen and on the server
    Given a user signed in to Element in the browser
    And the user has opened the Sessions settings
    When the user expands the current session's details
    And the user types "<new name>" as the current session's new name
    And the user saves the new name
    Then the current session is called "<new name>" on the page
    And the server has the browser's device named "<new name>"

    Examples:
      | new name                |
      | Kitchen laptop          |
      | Zoë's browser ✨ (work) |

  # Both starting states: an Element that drew the toggle on whatever the server says would pass
  # the first row alone.
  @G13
  Scenario Outline: The Push notifications toggle <turned> and <back> the current session on the server
    Given a user signed in to Element in the browser, whose notifications the server <back>
    And the user has opened the Sessions settings
    When the user expands the current session's details
    Then the current session's Push notifications toggle shows that the server <back> it
    When the user flips the current session's Push notifications toggle
    Then the server's notification setting for the browser's device follows the toggle
    When the user flips the current session's Push notifications toggle
    Then the server's notification setting for the browser's device follows the toggle
    And the toggle is back where it started

    Examples: from notifications the server has on, and from notifications it has silenced
      | turned     | back       |
      | silences   | unsilences |
      | unsilences | silences   |
