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

  @G6 @G7
  Scenario: An inactive session alone is a recommendation, though it is verified
    Given a user whose browser session is verified, with these other sessions:
      | name            | state    | inactive days |
      | Verified phone  | verified |               |
      | Old laptop      | verified | 100           |
    When the user opens the Sessions settings
    Then the Security recommendations section is shown
    And the recommendations count 0 unverified and 1 inactive sessions, as the server does

  # The recommendations are about the other sessions: an unverified current session is offered
  # verification in its own section, and is not counted here.
  @G7
  Scenario: The unverified count leaves the current session out
    Given a user signed in to Element in the browser, with these other sessions:
      | name           | state      |
      | Work laptop    | verified   |
      | Old phone      | unverified |
    When the user opens the Sessions settings
    Then the current session says it is unverified and offers to verify it
    And the Security recommendations section is shown
    And the recommendations count 2 unverified and 0 inactive sessions, as the server does

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
