"""The pre-commit hook's wrapper: pre-commit installs this package from the lossfn repository.

The wrapper needs only a JDK: it builds lossfn from the repository's sources (with the `mvn` on the
PATH, or a Maven it downloads from Maven Central once) and runs `java -jar lossfn.jar check`.
"""
from setuptools import setup

setup(
    name="lossfn-pre-commit",
    version="0.1.0",
    description="pre-commit hook for lossfn, the loss-function linter",
    package_dir={"": "pre-commit"},
    packages=["lossfn_pre_commit"],
    entry_points={"console_scripts": ["lossfn-pre-commit=lossfn_pre_commit:main"]},
    python_requires=">=3.8",
)
