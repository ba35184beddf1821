// A correct pairing passes, and the SARIF report is still written (with no results).
def log = new File(basedir, 'build.log').text
assert log.contains('lossfn: 0 finding(s) in 1 file(s)')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lossfn.sarif'))
assert json.runs[0].results.isEmpty()
