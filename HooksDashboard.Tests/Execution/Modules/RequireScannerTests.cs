using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Tests.Execution.Modules;

public sealed class RequireScannerTests
{
    [Fact]
    public void Scan_LiteralRequires_FindsPackagesWithVersionsInOrder()
    {
        const string script = """
            const _ = require('lodash');
            const fp = require("lodash/fp");
            const request = require('request@2.56.0');
            const scoped = require(`@aws-sdk/client-sns`);
            const pinnedScoped = require('@sentry/node@7.1.0/dist/index');
            module.exports = function (user, context, cb) {
              const uuid = require('uuid');   // inside the function, on every call (as Auth0 users wrote)
              cb(null, uuid.v4());
            };
            """;

        var found = RequireScanner.Scan(script);

        Assert.Equal(
            [("lodash", null), ("request", "2.56.0"), ("@aws-sdk/client-sns", null), ("@sentry/node", "7.1.0"), ("uuid", null)],
            found.DistinctBy(f => (f.Name, f.Version)).Select(f => (f.Name, f.Version)));
    }

    [Fact]
    public void Scan_BuiltinsRelativePathsCommentsStringsAndDynamicNames_Ignored()
    {
        const string script = """
            const crypto = require('crypto'), zlib = require('node:zlib'), sp = require('stream/promises');
            const local = require('./helper'), up = require('../x'), abs = require('/etc/passwd');
            // const a = require('in-a-comment');
            /* require('in-a-block-comment') */
            const s = "require('in-a-string')";
            const name = 'dynamic'; const d = require(name); const t = require(`tpl-${name}`);
            obj.require('method-call');
            module.exports = function (cb) { cb(); };
            """;

        Assert.Empty(RequireScanner.Scan(script));
    }

    [Fact]
    public void Scan_PathsIntoTheHooksNodeModules_NameTheirPackages()
    {
        const string script = """
            const axios = require('./node_modules/axios@0.19.2');
            const gql = require('/hook/node_modules/graphql-request/dist/index.js');
            const scoped = require('./node_modules/@slack/webhook');
            const outside = require('./node_modules/../lib/x');
            """;

        Assert.Equal(
            [("axios", "0.19.2"), ("graphql-request", null), ("@slack/webhook", null)],
            RequireScanner.Scan(script).Select(f => (f.Name, f.Version)));
    }

    [Fact]
    public void Scan_UnparsableScript_FindsNothing() => Assert.Empty(RequireScanner.Scan("const x = require('lodash'"));

    [Theory]
    [InlineData("fs", true)]
    [InlineData("node:anything", true)]
    [InlineData("timers/promises", true)]
    [InlineData("lodash", false)]
    [InlineData("fs-extra", false)]
    public void IsBuiltin_NodeNames(string specifier, bool builtin) => Assert.Equal(builtin, RequireScanner.IsBuiltin(specifier));
}
