"""Runs independent training runs on several processes, so that the reference scripts use every
core with one intra-op thread each; the figures do not depend on the number of processes (each
run seeds its own generators).

Example: starmap(run_one, [(name, seed) for ...], jobs=2, threads=1)
"""

import multiprocessing

import torch


def _start(threads):
    torch.set_num_threads(threads)


def starmap(function, tasks, jobs, threads):
    """[function(*task) for task in tasks], on `jobs` forked processes (they see the caller's
    module globals, e.g. the data drawn before), in order."""
    if jobs <= 1:
        _start(threads)
        return [function(*task) for task in tasks]
    with multiprocessing.get_context("fork").Pool(jobs, _start, (threads,)) as pool:
        return pool.starmap(function, tasks, chunksize=1)
