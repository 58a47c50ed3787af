import pytest

from bot.commands.registry import all_commands
from bot.errors import InputError
from bot.parsing import parse_line, split_words

COMMANDS = all_commands()


def test_positional_and_named_options_give_the_same_values():
    assert parse_line("/log applied 3", COMMANDS).raw == {"activity": "applied", "count": "3"}
    assert parse_line("/log activity:applied count:3", COMMANDS).raw == {
        "activity": "applied", "count": "3"}
    assert parse_line("/log count:3 applied", COMMANDS).raw == {"count": "3", "activity": "applied"}


def test_quotes_keep_spaces_and_apostrophes_are_plain_text():
    parsed = parse_line('/rejection company:"Acme Labs" role:"Data Analyst" stage:final', COMMANDS)
    assert parsed.raw == {"company": "Acme Labs", "role": "Data Analyst", "stage": "final"}
    assert split_words("/checkin 3 I'm ok") == ["/checkin", "3", "I'm", "ok"]
    assert split_words("/win “curly quotes”") == ["/win", "curly quotes"]


def test_extra_words_fold_into_the_last_text_option():
    assert parse_line("/win landed a second interview", COMMANDS).raw == {
        "text": "landed a second interview"}
    assert parse_line("/checkin 2 rough day today", COMMANDS).raw == {
        "feeling": "2", "note": "rough day today"}


def test_subcommands_are_found_and_missing_ones_are_listed():
    assert parse_line("/goal set applied 5 week", COMMANDS).command.name == "goal set"
    with pytest.raises(InputError, match="/goal clear.*/goal set.*/goal show"):
        parse_line("/goal", COMMANDS)


@pytest.mark.parametrize("line, message", [
    ("/dance", "I don’t know `/dance`"),
    ('/win "never closed', "quote is left open"),
    ("/streak now please", "wasn’t sure what"),
    ("/goal set applied 5 week extra", "wasn’t sure what"),
    ("/log activity:applied activity:learned", "given twice"),
])
def test_parse_errors_are_friendly(line, message):
    with pytest.raises(InputError, match=message):
        parse_line(line, COMMANDS)
