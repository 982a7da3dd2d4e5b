"""The SOP template library (:mod:`.library`), its safe parameters (:mod:`.params`)
and the client runbook (:mod:`.runbook`). No Qt here."""
