"""The template gallery (File > New from Template), Save as Template and the runbook export."""
