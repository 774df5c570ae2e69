"""PriceCalculator: Computes the final price of a basket."""


class PriceCalculator:
    """Computes the final price of a basket.

    Responsibilities:
    - Apply list prices and quantity discounts
    - Add VAT per the customer's country
    - Round to the currency's minor unit
    """
