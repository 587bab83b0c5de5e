@current_session
Feature: Device details
  Real accounts have phones, desktops and browsers. Element shows each session's device type on
  its tile, and the device's model, operating system and browser in its details, from the user
  agent the homeserver last saw for the session (MSC3852). Each seeded session's requests send the
  user agent its client would; the browser's session is Chromium's own.

  @G9
  Scenario: The current session shows the browser's device, as the server reported it
    Given a user signed in to Element in the browser
    And the user has opened the Sessions settings
    When the user expands the current session's details
    Then the server reports the browser's own user agent for its session
    And the current session shows the device type, operating system and browser of that user agent

  @G14
  Scenario: Other sessions show the phone, desktop or browser each one's client reported
    Given a user signed in to Element in the browser, with these other sessions:
      | name            | state      | device          |
      | Galaxy S23      | unverified | android         |
      | iPhone          | no-keys    | ios             |
      | Windows desktop | unverified | desktop-windows |
      | Linux desktop   | no-keys    | desktop-linux   |
      | Firefox at work | unverified | web-firefox     |
      | Safari at home  | no-keys    | web-safari      |
    And the user has opened the Sessions settings
    Then each other session shows the device type, model, operating system and browser of the user agent the server reports for it

  @G10
  Scenario: Element Desktop and Element Web in Chrome on one Mac show one operating system, two applications
    Given a user signed in to Element in the browser, with these other sessions:
      | name           | state      | device        | ip          |
      | MacBook app    | unverified | desktop-macos | 203.0.113.7 |
      | MacBook Chrome | unverified | web-chrome    | 203.0.113.7 |
    And the user has opened the Sessions settings
    Then "MacBook app" and "MacBook Chrome" are two sessions the server saw from one IP address
    And "MacBook app" and "MacBook Chrome" show one operating system and each its own application and browser, as the server's user agents give them

  # The guide names the details' buttons by what they do. Each is clicked and what it opened is
  # closed unused; the one that opened the sign-out dialog must read as signing out and the one
  # that opened the rename editor as renaming, whatever the exact words (the report shows those).
  @G13
  Scenario: The current session's details: the button that asks to sign out says so, the one that renames says so
    Given a user signed in to Element in the browser
    And the user has opened the Sessions settings
    When the user expands the current session's details
    Then the details of the current session: the button that opens the sign-out dialog reads as signing out, and the one that opens the rename editor as renaming
    And closing what they opened signed nothing out and renamed nothing on the server

  @G18 @other_sessions
  Scenario: An other session's details: the button that asks to sign out says so, the one that renames says so
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state      |
      | Work laptop | unverified |
    And the user has opened the Sessions settings
    When the user opens the details of "Work laptop" in Other sessions
    Then the details of "Work laptop": the button that opens the sign-out dialog reads as signing out, and the one that opens the rename editor as renaming
    And closing what they opened signed nothing out and renamed nothing on the server
