"""Authoring: turning a new source's text into a data file a person reviews (`oversight new`),
figure tables into observations, a source's coverage, and audited identity judgements.

Building side: it reads the data through graph.data and the vocabulary through graph.model,
and never writes a fact as true: what it finds is a comment or a record marked for review.
"""
