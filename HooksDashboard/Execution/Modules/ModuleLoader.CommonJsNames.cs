using System.Text.RegularExpressions;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// The named exports an ES module sees on a CommonJS module, found without running it, as Node's
/// cjs-module-lexer does: <c>exports.a =</c>, <c>exports['a'] =</c>, <c>module.exports.a =</c>,
/// <c>Object.defineProperty(exports, 'a', { value: … })</c> or with a getter returning an identifier or a member,
/// the keys of <c>module.exports = { a, b: c.d }</c> (up to the first member that is not an identifier key with an
/// identifier or member value: Node 20.20 stops there), and re-exports (<c>module.exports = require('x')</c>,
/// <c>__exportStar(require('x'), exports)</c>, <c>__export(require('x'))</c>) followed into the required module.
/// Like the lexer, it reads the text (not comments or strings apart): unusual code can add or miss names, as in Node.
/// </summary>
internal sealed partial class ModuleLoader
{
    private const string Name = @"(?:[A-Za-z_$][\w$]*)";

    [GeneratedRegex(@"(?<![\w$.])(?:module\s*\.\s*)?exports\s*(?:\.\s*(?<name>" + Name + @")|\[\s*(?<q>['""])(?<quoted>[^'""\\\r\n]*)\k<q>\s*\])\s*=(?!=)", RegexOptions.CultureInvariant)]
    private static partial Regex AssignedExport();

    [GeneratedRegex(@"Object\s*\.\s*defineProperty\s*\(\s*(?:module\s*\.\s*)?exports\s*,\s*(?<q>['""])(?<name>[^'""\\\r\n]+)\k<q>\s*,\s*\{\s*(?:enumerable\s*:\s*true\s*,\s*)?(?:value\s*:|get\s*(?::\s*function\s*(?:" + Name + @")?\s*)?\(\s*\)\s*\{\s*return\s+" + Name + @"(?:\s*\.\s*" + Name + @")*\s*;?\s*\})", RegexOptions.CultureInvariant)]
    private static partial Regex DefinedExport();

    [GeneratedRegex(@"(?<![\w$.])module\s*\.\s*exports\s*=\s*\{", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectLiteralExports();

    [GeneratedRegex(@"(?<![\w$.])module\s*\.\s*exports\s*=\s*require\s*\(\s*(?<q>['""])(?<request>[^'""\\\r\n]+)\k<q>\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ReexportAssignment();

    [GeneratedRegex(@"(?:__exportStar|__export)\s*\(\s*require\s*\(\s*(?<q>['""])(?<request>[^'""\\\r\n]+)\k<q>\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ReexportStar();

    [GeneratedRegex(@"\G\s*(?<key>" + Name + @")\s*(?::\s*" + Name + @"(?:\s*\.\s*" + Name + @")*\s*)?(?<end>[,}])", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralMember();

    /// <summary>The names of a CommonJS file's exports as Node would detect them (re-exports followed, each file once).</summary>
    private List<string> CommonJsExportNames(ResolvedFile file)
    {
        var names = new List<string>();
        CollectExportNames(file, names, new HashSet<string>(StringComparer.Ordinal));
        return names;
    }

    private void CollectExportNames(ResolvedFile file, List<string> names, HashSet<string> seen)
    {
        if (!seen.Add(file.VirtualPath) || !file.VirtualPath.EndsWith(".js", StringComparison.Ordinal) && !file.VirtualPath.EndsWith(".cjs", StringComparison.Ordinal))
        {
            return;
        }

        var text = PackageFiles.Text(Real(file.Package, file.VirtualPath)).Text;
        if (text is null)
        {
            return;
        }

        foreach (Match match in AssignedExport().Matches(text))
        {
            names.Add(match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["quoted"].Value);
        }

        foreach (Match match in DefinedExport().Matches(text))
        {
            names.Add(match.Groups["name"].Value);
        }

        var reexports = new List<string>();
        foreach (Match match in ObjectLiteralExports().Matches(text))
        {
            var at = match.Index + match.Length;
            for (var member = LiteralMember().Match(text, at); member.Success; member = LiteralMember().Match(text, at))
            {
                names.Add(member.Groups["key"].Value);
                at = member.Index + member.Length;
                if (member.Groups["end"].Value == "}")
                {
                    break;
                }
            }
        }

        foreach (Match match in ReexportAssignment().Matches(text))
        {
            reexports.Add(match.Groups["request"].Value);
        }

        foreach (Match match in ReexportStar().Matches(text))
        {
            reexports.Add(match.Groups["request"].Value);
        }

        var record = new ModuleRecord(file.VirtualPath, Dirname(file.VirtualPath), file.Package, null);
        foreach (var request in reexports)
        {
            if (IsBuiltin(request))
            {
                continue;
            }

            try
            {
                CollectExportNames(Resolve(record, request), names, seen);
            }
            catch (ResolutionException)
            {
                // Node skips a re-export it cannot resolve; requiring it fails when the module runs.
            }
        }
    }
}
