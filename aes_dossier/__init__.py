"""The Alliance of Sahel States dossier: data contract, loader, renderer and exports.

Data flows one way: YAML in ``data/`` -> located raw values (``load``) -> typed records
(``model``) -> one validated ``Dossier`` (``dossier``) -> Markdown pages (``render``).
"""
