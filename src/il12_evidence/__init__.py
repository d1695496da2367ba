"""Evidence engine: canonical CSV data → validated dataset → checks, statistics and site output.

Nothing in this package knows which review it serves: everything review-specific lives in ``data/``
and in the notebooks' narrative, so the same engine can serve another review.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
