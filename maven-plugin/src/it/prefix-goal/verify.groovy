// `mvn lossfn:check` resolves the goal by its prefix; user properties set failOn and the SARIF path.
def log = new File(basedir, 'build.log').text
assert log.contains('lossfn-maven-plugin:0.1.0:check (default-cli)')
assert log.contains("lossfn found 1 finding(s) at or above 'error'")
assert new File(basedir, 'target/custom.sarif').isFile()
