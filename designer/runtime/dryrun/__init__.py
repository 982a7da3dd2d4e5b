"""The dry-run: a journey run on sample or synthetic contacts in virtual time, to
forecast what a blueprint will do (per-step counts, paths, sends, conversions)
and to run journey tests with exact, scripted outcomes. Nothing is sent and
nothing is stored unless a forecast is saved. It is not a separate engine: it
runs the same tick (:mod:`designer.runtime.tick`), rules (:mod:`designer.runtime.rules`),
interpreter (:mod:`designer.runtime.interpreter`) and node kinds (:mod:`designer.nodes`)
as the durable engine (:mod:`designer.runtime.durable`) and differs only in the
clock (virtual ticks, :mod:`.buckets`), the store (numpy columns, :mod:`.columns`)
and delivery (simulated responses drawn from the behaviour model). No Qt here."""
