"""Engines that run the stages somewhere other than this process pool: ``ray_engine`` (Ray Data).

The stages are pure ``Document -> Document`` functions; an engine reads the inputs, runs
``kroniek.pipeline.process_item`` on each item where it likes, and writes one outcome row per
item (``outcomes``); ``kroniek.store.importer`` decides duplicates in input order and stores them.
"""
