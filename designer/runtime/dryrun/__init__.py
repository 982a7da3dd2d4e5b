"""The dry-run: a journey run on sample or synthetic contacts in virtual time, to
forecast what a blueprint will do (per-step counts, paths, sends, conversions)
and to run journey tests with exact, scripted outcomes. Nothing is sent and
nothing is stored unless a forecast is saved. It is not a separate engine: it
shares :mod:`designer.runtime.interpreter` and the node kinds
(:mod:`designer.nodes`) with the durable SQLite engine and differs only in the
clock (virtual ticks), the store (numpy columns) and delivery (simulated
responses drawn from the behaviour model). No Qt here."""
