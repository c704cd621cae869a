from carveout.costs.text import money


def test_money_rounds_to_what_a_board_paper_shows() -> None:
    assert money(1_940_000) == "£1.9m"
    assert money(12_345) == "£12k"
    assert money(-2_500) == "-£2,500"


def test_a_tiny_negative_amount_is_zero_not_minus_zero() -> None:
    assert money(-1e-9) == "£0"
