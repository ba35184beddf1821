"""Runs lossfn for pre-commit: builds the command-line jar from the hook repository once, then
runs `java -jar lossfn.jar check <files>` and returns its exit status (0 clean, 1 findings, 2 error).

pre-commit installs this package into a virtual environment inside its clone of the lossfn
repository, so the repository is the parent of `sys.prefix`.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

MAVEN_VERSION = "3.9.9"
MAVEN_URL = ("https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/"
             f"{MAVEN_VERSION}/apache-maven-{MAVEN_VERSION}-bin.tar.gz")


def _say(message):
    print(f"lossfn: {message}", file=sys.stderr)


def _repository():
    for candidate in (Path(sys.prefix).parent, Path(__file__).resolve().parents[2]):
        if (candidate / "cli" / "pom.xml").is_file():
            return candidate
    return None


def _java():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _maven():
    found = shutil.which("mvn")
    if found:
        return found
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lossfn"
    mvn = cache / f"apache-maven-{MAVEN_VERSION}" / "bin" / "mvn"
    if mvn.is_file():
        return str(mvn)
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"apache-maven-{MAVEN_VERSION}-bin.tar.gz"
    _say(f"downloading Maven {MAVEN_VERSION} from Maven Central (once)")
    with urllib.request.urlopen(MAVEN_URL, timeout=120) as response:
        data = response.read()
    with urllib.request.urlopen(MAVEN_URL + ".sha512", timeout=60) as response:
        expected = response.read().decode().split()[0].strip()
    if hashlib.sha512(data).hexdigest() != expected:
        raise RuntimeError("the Maven download does not match its published checksum")
    archive.write_bytes(data)
    with tarfile.open(archive) as tar:
        tar.extractall(cache)
    archive.unlink()
    return str(mvn)


def _jar(repository):
    jar = repository / "cli" / "target" / "lossfn.jar"
    if jar.is_file():
        return jar
    _say("building lossfn (first run of this hook version)")
    command = [_maven(), "-q", "-B", "-DskipTests", "-Dinvoker.skip", "-pl", "cli", "-am", "package"]
    result = subprocess.run(command, cwd=repository, stdout=sys.stderr, stderr=sys.stderr)
    if result.returncode != 0 or not jar.is_file():
        raise RuntimeError("the build failed; run `mvn -pl cli -am package` in " + str(repository) + " to see why")
    return jar


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    java = _java()
    if java is None:
        _say("error: no java found; install a JDK 17 or newer (or set JAVA_HOME)")
        return 2
    repository = _repository()
    if repository is None:
        _say("error: cannot find the lossfn sources this hook was installed from")
        return 2
    try:
        jar = _jar(repository)
    except (OSError, RuntimeError) as e:
        _say(f"error: {e}")
        return 2
    if not args or args[0] not in ("check", "rules", "rule", "--version", "help"):
        args = ["check"] + args
    return subprocess.run([java, "-jar", str(jar)] + args).returncode


if __name__ == "__main__":
    sys.exit(main())
