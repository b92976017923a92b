"""Places: an offline GeoNames gazetteer, toponym mentions and their resolution.

  normalize.py  name keys (case, diacritics, Arabic article, transliteration variants)
  gazetteer.py  the SQLite gazetteer built from PyPI package data or the GeoNames dump
  mentions.py   where a parsed text names places (NER, gazetteer matching, demonyms)
  resolve.py    which place each mention means, judged by the article's context
  places.py     the `places` annotator and `place_for_span`, the event-location helper
The gazetteer is opened (and built, the first time) on first lookup, not on import.
"""
