"""The rules of a journey tick, written once over batches of contacts.

Both engines call these: the durable engine (SQL tables, wall or demo clock,
real connectors) and the dry-run (numpy columns, virtual clock, simulated
responses). Each function decides over arrays; the engines only read their
inputs from their own store and write the outcome back.
"""
