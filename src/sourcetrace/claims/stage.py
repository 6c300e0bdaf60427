"""The claims stage: needs the parse and the attributions; adds "claims" and "profile".

Check-worthiness comes from the model trained on CheckThat! transcripts
(`checkworthiness.py`), scored in one batch per article.
"""

from __future__ import annotations

from ..article import Article
from ..stage import needs_parse, stage
from .checkworthiness import score
from .extract import find_claims
from .profile import build_profile


@stage(needs={"doc", "attributions"}, adds={"claims", "profile"})
def claims(article: Article) -> Article:
    needs_parse(article, "the claims stage")
    found = find_claims(article, score)
    article.layers["claims"] = found
    article.layers["profile"] = build_profile(found, article.attributions, article.text)
    return article
