@accessing
Feature: Accessing the Sessions settings
  The guide: clicking the profile icon top left (by default a coloured circle with the first
  letter of the Matrix ID) opens a menu that jumps to specific settings or to All settings;
  All settings opens on the first tab, and Sessions in the vertical navigation opens the
  Sessions settings.

  @G1
  Scenario: A fresh account's profile icon is a coloured circle with the first letter of its Matrix ID
    Given a user signed in to Element in the browser
    Then the profile icon top left is a filled circle with one letter
    And that letter is the first letter of the user's Matrix ID
    And the profile icon sits in the top-left corner of the window

  # The user's display name starts with another letter than the Matrix ID, so the letter Element
  # draws says whose it is; the report shows it beside the guide's "first letter of your Matrix ID".
  @G1
  Scenario: With a display name of its own, the profile icon shows the first letter of one of the two
    Given a user with a display name of their own, signed in to Element in the browser
    Then the profile icon top left is a filled circle with one letter
    And that letter is the first letter of the user's Matrix ID or display name

  @G1 @G2
  Scenario: The profile icon opens a menu whose specific settings each open their own tab
    Given a user signed in to Element in the browser
    When the user opens the user menu from the profile icon
    Then the menu offers specific settings and All settings
    And each specific setting in the menu opens the settings on its own tab

  @G1 @G3 @G4 @G9
  Scenario: From the profile icon to the Sessions settings
    Given a user signed in to Element in the browser
    When the user opens the user menu from the profile icon
    And the user chooses All settings
    Then the settings open on their first tab
    And the tabs are a vertical list on the left of the settings dialog
    When the user opens Sessions in the vertical navigation
    Then the Sessions settings show the current session
    And the current session is the browser's own device, on the page and on the server

  @G4 @G9 @login_form
  Scenario: A user who signed in through the login form finds that session in the Sessions settings
    Given a user at Element's login page
    When the user signs in with their username and password
    And the user opens the Sessions settings from the profile menu
    Then the Sessions settings show the current session
    And the current session is the one the login form created, on the page and on the server
