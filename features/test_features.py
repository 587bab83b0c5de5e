"""Binds every feature file in this folder to the step definitions in steps/."""

from pytest_bdd import scenarios

scenarios(".")
