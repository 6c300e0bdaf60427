"""Reading transcripts: the CheckThat! TSV, files with a header, and how broken ones fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from files import write

from sourcetrace.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedRecord,
    UnreadableInput,
)
from sourcetrace.read.transcripts import Turn, read_transcript

CHECKTHAT = Path(__file__).parents[2] / "shared" / "benchmarks" / "checkthat2020-debate-checkworthiness" / "train"


def test_checkthat_tsv_without_header(tmp_path):
    path = write(
        tmp_path,
        "debate.tsv",
        "1\tMODERATOR\tGood evening and welcome.\t0\n"
        '2\tHARRIS\tI said "never again, and I meant it.\t0\n'
        "3\tHARRIS\tThe county cut bus fares by 30 percent in 2021.\t1\n",
    )
    turns = read_transcript(path)
    assert turns == [
        Turn(1, "MODERATOR", "Good evening and welcome.", 0),
        Turn(2, "HARRIS", 'I said "never again, and I meant it.', 0),  # a lone quote is text
        Turn(3, "HARRIS", "The county cut bus fares by 30 percent in 2021.", 1),
    ]


def test_checkthat_rows_without_label(tmp_path):
    path = write(tmp_path, "t.tsv", "7\tA\tFirst.\n9\tB\tSecond.\n")
    assert read_transcript(path) == [Turn(7, "A", "First."), Turn(9, "B", "Second.")]


def test_tsv_with_header_numbers_rows(tmp_path):
    path = write(tmp_path, "t.tsv", "Speaker\tText\nOKAFOR\tWe built 40 schools.\nLIN\tThat is not true.\n")
    assert read_transcript(path) == [Turn(1, "OKAFOR", "We built 40 schools."), Turn(2, "LIN", "That is not true.")]


def test_header_with_line_numbers_and_labels(tmp_path):
    path = write(tmp_path, "t.tsv", "line_number\tspeaker\ttext\tlabel\n10\tA\tHi.\t0\n11\tA\tTaxes rose.\t1\n")
    assert read_transcript(path) == [Turn(10, "A", "Hi.", 0), Turn(11, "A", "Taxes rose.", 1)]


def test_csv_with_configured_columns(tmp_path):
    path = write(
        tmp_path,
        "interview.csv",
        'minute,who,said\n0,Host,"Welcome back, Minister."\n1,Minister,"Exports grew, by 8%, last year."\n',
    )
    turns = read_transcript(path, speaker_field="who", text_field="said")
    assert turns == [Turn(1, "Host", "Welcome back, Minister."), Turn(2, "Minister", "Exports grew, by 8%, last year.")]


def test_tabbed_text_file_reads_as_tsv(tmp_path):
    path = write(tmp_path, "t.txt", "1\tA\tOne line.\t0\n")
    assert read_transcript(path) == [Turn(1, "A", "One line.", 0)]


def test_blank_lines_are_skipped(tmp_path):
    path = write(tmp_path, "t.tsv", "1\tA\tOne.\t0\n\n2\tA\tTwo.\t0\n")
    assert [t.line_number for t in read_transcript(path)] == [1, 2]


@pytest.mark.parametrize(
    "name, data, row, words",
    [
        ("t.tsv", "1\tA\tFine.\t0\n2\tA\n", 2, "2 tab-separated fields"),
        ("t.tsv", "1\tA\tFine.\t0\nx2\tA\tText.\t0\n", 2, "'x2' is not a whole number"),
        ("t.tsv", "1\tA\tFine.\t0\n2\tA\tText.\tyes\n", 2, "label 'yes' is not 0 or 1"),
        ("t.tsv", "1\tA\tFine.\t0\n1\tB\tAgain.\t0\n", 2, "already used in row 1"),
        ("t.csv", "speaker,text\nA,Fine.\nB,Too,many\n", 2, "3 fields but the header has 2"),
    ],
)
def test_bad_row_names_file_and_row(tmp_path, name, data, row, words):
    path = write(tmp_path, name, data)
    with pytest.raises(MalformedRecord) as caught:
        read_transcript(path)
    assert caught.value.input == f"{path}#row {row}"
    assert words in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_missing_configured_column_lists_the_columns(tmp_path):
    path = write(tmp_path, "t.csv", "who,said\nA,Hello.\n")
    with pytest.raises(MalformedRecord, match=r"no column 'speaker'.*'who', 'said'"):
        read_transcript(path, speaker_field="speaker", text_field="said")


def test_neither_header_nor_checkthat(tmp_path):
    path = write(tmp_path, "t.csv", "alpha,beta\nA,Hello.\n")
    with pytest.raises(MalformedRecord, match="neither a header"):
        read_transcript(path)


@pytest.mark.parametrize(
    "data, error",
    [
        ("", EmptyInput),
        ("\n\n", EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInput),
        (b"1\tA\tCaf\xe9.\t0\n", EncodingError),
    ],
)
def test_unreadable_files(tmp_path, data, error):
    with pytest.raises(error) as caught:
        read_transcript(write(tmp_path, "t.tsv", data))
    assert caught.value.input == str(tmp_path / "t.tsv")


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableInput, match="no such file"):
        read_transcript(tmp_path / "absent.tsv")


@pytest.mark.skipif(not CHECKTHAT.is_dir(), reason="CheckThat! 2020 data not in ../shared")
def test_reads_every_checkthat_training_transcript():
    files = sorted(CHECKTHAT.glob("*.tsv"))
    turns = [turn for path in files for turn in read_transcript(path)]
    assert len(files) == 50
    assert len(turns) == 42776
    assert all(turn.label in (0, 1) for turn in turns)
