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
