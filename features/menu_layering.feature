Feature: The 3-dot menus as a mouse user meets them
  The guide: clicking the 3-dot menu opens a menu to sign out (of the current session, of all
  other sessions). Reached the guide's way (profile icon, All settings, Sessions), the embedded
  Element draws these menus under the Settings dialog: its menus and dialogs live in page-level
  layers stacked in the order they were first used, and the profile menu came first. A keyboard
  user can still pick the items (the other scenarios prove the sign-out that way); a mouse user
  cannot see or reach them. These scenarios pin that down and report it as a difference from the
  guide, so it shows in the report and is noticed the day Element fixes it.

  Scenario Outline: Opened with the mouse the guide's way, a 3-dot menu is drawn under the Settings dialog
    Given a user signed in to Element in the browser, with these other sessions:
      | name        | state      |
      | Work laptop | unverified |
      | Old phone   | no-keys    |
    And the user has opened the Sessions settings
    When the user clicks the <section> 3-dot menu with the mouse
    Then the menu opens under the Settings dialog, out of the mouse's reach
    And every session is still signed in on the server

    @G12 @current_session
    Examples: the Current session menu
      | section         |
      | Current session |

    @G15 @other_sessions
    Examples: the Other sessions menu
      | section        |
      | Other sessions |
