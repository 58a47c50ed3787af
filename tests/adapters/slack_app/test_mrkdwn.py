"""Core markup becomes Slack mrkdwn, and member text can never ping or format anything."""

from adapters.slack_app.mrkdwn import Style, escape, from_slack
from bot.text import literal

STYLE = Style.for_commands("/rebound", ["log", "goal set", "help"])


def test_bold_italic_and_bullets_become_mrkdwn():
    text = "**Nice work**, _really_.\n- one\n- two"
    assert STYLE.mrkdwn(text) == "*Nice work*, _really_.\n• one\n• two"


def test_member_text_is_unescaped_then_escaped_for_slack():
    typed = "<!everyone> <!here> <!channel> <@U999> *bold* & more > less"
    shown = STYLE.mrkdwn("Note: " + literal(typed))
    assert shown == ("Note: &lt;!everyone&gt; &lt;!here&gt; &lt;!channel&gt; &lt;@U999&gt; *bold* "
                     "&amp; more &gt; less")


def test_only_intended_mentions_survive():
    text = "Welcome <@UANA> and <@UBEN>"
    assert STYLE.mrkdwn(text, mentions=("UANA",)) == "Welcome <@UANA> and @UBEN"


def test_code_fences_keep_their_text_but_escape_angle_brackets():
    text = "Draft:\n```\nHi **there** <team> & co\n```\nDone"
    assert STYLE.mrkdwn(text) == "Draft:\n```Hi **there** &lt;team&gt; &amp; co```\nDone"


def test_known_commands_gain_the_slash_command_name():
    text = "Try `/log applied`, `/goal set` or `/help`. Europe/London and `/unknown` stay."
    assert STYLE.mrkdwn(text) == ("Try `/rebound log applied`, `/rebound goal set` or `/rebound help`. "
                                  "Europe/London and `/unknown` stay.")


def test_a_configured_command_name_is_used():
    assert Style.for_commands("/cheer", ["log"]).mrkdwn("`/log`") == "`/cheer log`"


def test_plain_text_drops_markup_for_labels_and_errors():
    assert STYLE.plain("**count** can't be 99: try `/help log`, \\*really\\*") == (
        "count can't be 99: try `/rebound help log`, *really*")


def test_slash_command_text_arrives_html_escaped_and_is_read_back():
    assert from_slack("note:&lt;b&gt; &amp; co") == "note:<b> & co"
    assert escape("<&>") == "&lt;&amp;&gt;"
