@filters
Feature: Filtering other sessions
  The guide: along the grey bar, the view of other sessions can be filtered on
  All; Verified: Ready for secure messaging; Unverified: Not ready for secure messaging;
  Inactive: Inactive for 90 days or longer.

  @G17
  Scenario: The filter offers All, Verified, Unverified and Inactive, and starts on All
    Given a user signed in to Element in the browser, with these other sessions:
      | name              | state      | inactive days |
      | Unverified laptop | unverified |               |
      | Old desktop       | unverified | 100           |
    When the user opens the Sessions settings
    Then the filter shows All as chosen
    And Other sessions lists exactly the sessions that match All on the server
    When the user opens the filter of Other sessions
    Then the filter offers these options, in this order:
      | option     | description                    |
      | All        |                                |
      | Verified   | Ready for secure messaging     |
      | Unverified | Not ready for secure messaging |
      | Inactive   | Inactive for 90 days or longer |

  # The guide describes each filter by what its sessions are; the option that lists exactly the
  # verified ones must be the one that says ready, whatever its words (the report shows those).
  @G17
  Scenario Outline: Each filter lists exactly the matching sessions
    Given a user whose browser session is verified, with these other sessions:
      | name              | state      | inactive days |
      | Verified phone    | verified   |               |
      | Verified tablet   | verified   | 120           |
      | Unverified laptop | unverified |               |
      | Keyless desktop   | no-keys    |               |
      | Idle 91 days      | unverified | 91            |
      | Idle 89 days      | unverified | 89            |
    When the user opens the Sessions settings
    And the user filters Other sessions by <filter>
    Then the filter shows <filter> as chosen
    And Other sessions lists exactly the sessions that match <filter> on the server
    And the chosen option's description says what the guide means by <filter>

    Examples:
      | filter     |
      | All        |
      | Verified   |
      | Unverified |
      | Inactive   |

  # Element calls a session inactive when the server last saw it more than 90 days ago (to the
  # millisecond), so the boundary is tried a minute either side of 90 days.
  @G17
  Scenario: Inactive means 90 days or longer: idle 90 days and a minute is listed, a minute less is not
    Given a user signed in to Element in the browser, with these other sessions:
      | name                  | state      | idle for           |
      | Idle a minute past 90 | unverified | 90 days + 1 minute |
      | Idle a minute short   | unverified | 90 days - 1 minute |
    When the user opens the Sessions settings
    And the user filters Other sessions by Inactive
    Then Other sessions lists only "Idle a minute past 90"
    And the server last saw "Idle a minute past 90" 90 days + 1 minute ago
    And the server last saw "Idle a minute short" 90 days - 1 minute ago

  @G17
  Scenario Outline: An empty filter says so, and Show all lists every session again
    Given a user whose browser session is verified, with these other sessions:
      | name           | state   |
      | First session  | <state> |
      | Second session | <state> |
    When the user opens the Sessions settings
    And the user filters Other sessions by <filter>
    Then Other sessions says no <filter> sessions were found and lists none
    When the user chooses Show all
    Then the filter shows All as chosen
    And Other sessions lists exactly the sessions that match All on the server

    Examples:
      | filter     | state      |
      | Verified   | unverified |
      | Unverified | verified   |
      | Inactive   | verified   |
