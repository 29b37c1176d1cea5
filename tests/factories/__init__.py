"""factory_boy factories for the tests, one module per app (`factories.<app>`).

Every factory makes a valid object: `ValidFactory` runs the model's `full_clean()` before saving, so a factory
that drifts from the model's rules fails where it is used (and in tests/test_factories.py), not in a page.
Objects that point at the territory use the real units of the Konin area the `area` fixture loads (real TERC
codes), and those that point at the programme use the bundled programme layer (`funding_data`).
"""
