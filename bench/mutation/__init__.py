"""Mutation testing of the conformance suite: does it catch a broken Element? (bench/mutants.py)"""
