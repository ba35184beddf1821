// The build fails, prints the finding like the command line does, and writes SARIF.
def log = new File(basedir, 'build.log').text
assert log.contains('src/main/java/org/example/Network.java:8:26: LF701 [error] loss MCXENT with activation IDENTITY')
assert log.contains('lossfn found 1 finding(s) at or above \'warning\'')
def sarif = new File(basedir, 'target/lossfn.sarif')
assert sarif.isFile()
def json = new groovy.json.JsonSlurper().parse(sarif)
assert json.runs[0].results.size() == 1
assert json.runs[0].results[0].ruleId == 'LF701'
assert json.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/java/org/example/Network.java'
