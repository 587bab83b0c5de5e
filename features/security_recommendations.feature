@recommendations
Feature: Security recommendations
  The guide: this first section only appears if there are recommendations about the existing
  sessions (unverified or inactive ones); each says how many sessions it concerns, and View All
  filters the Other sessions section on the recommendation clicked.

  @G6
  Scenario: No recommendations when every other session is verified and active
    Given a user whose browser session is verified, with these other sessions:
      | name            | state    |
      | Verified phone  | verified |
      | Verified laptop | verified |
    When the user opens the Sessions settings
    Then the server has every other session verified and active
    And Other sessions shows every other session as verified
    And no Security recommendations section is shown

  @G6 @G7
  Scenario: The recommendations count the unverified and the inactive sessions
    Given a user whose browser session is verified, with these other sessions:
      | name              | state      | inactive days |
      | Verified phone    | verified   |               |
      | Unverified laptop | unverified |               |
      | Unverified tablet | unverified |               |
      | Old desktop       | unverified | 100           |
    When the user opens the Sessions settings
    Then the Security recommendations section is shown
    And the recommendations count 3 unverified and 1 inactive sessions, as the server does

  @G8
  Scenario Outline: View all on a recommendation filters Other sessions to the sessions it concerns
    Given a user whose browser session is verified, with these other sessions:
      | name                | state      | inactive days |
      | Verified phone      | verified   |               |
      | Verified old laptop | verified   | 100           |
      | Unverified tablet   | unverified |               |
      | Keyless desktop     | no-keys    |               |
      | Old unverified phone | unverified | 120          |
    When the user opens the Sessions settings
    And the user chooses View all on the <recommendation> recommendation
    Then Other sessions lists exactly the sessions that match <recommendation> on the server
    And the filter shows <recommendation> as chosen

    Examples:
      | recommendation |
      | Unverified     |
      | Inactive       |
