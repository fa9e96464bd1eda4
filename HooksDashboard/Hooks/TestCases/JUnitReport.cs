using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>
/// A run of test cases as JUnit XML, the report CI tools read (GitHub Actions reporters, GitLab, Jenkins, Azure
/// Pipelines): <c>testsuites</c> > one <c>testsuite</c> per hook > one <c>testcase</c> per case, a failed case holding
/// a <c>failure</c> whose <c>message</c> is the first difference and whose text lists them all, and the run's console
/// lines in <c>system-out</c>. Characters XML 1.0 cannot carry (most control characters) are written as <c>\uXXXX</c>.
/// </summary>
public static class JUnitReport
{
    public static XDocument Create(IReadOnlyList<TestCaseReport> reports, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var suites = reports.Select(report => new XElement("testsuite",
            new XAttribute("name", Clean(report.Name)),
            new XAttribute("tests", report.Total),
            new XAttribute("failures", report.Failed),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(report.Results.Sum(r => r.Result.DurationMs))),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            report.Results.Select(result => Case(report, result))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "hook test cases"),
            new XAttribute("tests", reports.Sum(r => r.Total)),
            new XAttribute("failures", reports.Sum(r => r.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(reports.Sum(r => r.Results.Sum(x => x.Result.DurationMs)))),
            suites));
    }

    /// <summary>Writes the document as UTF-8 (no byte order mark).</summary>
    public static async Task WriteAsync(XDocument document, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true };
        await using var stream = File.Create(path);
        await using var writer = XmlWriter.Create(stream, settings);
        await document.SaveAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    private static XElement Case(TestCaseReport report, TestCaseResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("name", Clean(result.Name)),
            new XAttribute("classname", Clean(report.Name)),
            new XAttribute("time", Seconds(result.Result.DurationMs)));
        if (!result.Passed)
        {
            var text = new StringBuilder();
            foreach (var failure in result.Failures)
                text.Append("- ").AppendLine(failure);
            if (result.Result.Error is { } error)
                text.AppendLine().Append("Run ended with ").AppendLine(TestCaseEvaluator.Describe(error));
            element.Add(new XElement("failure",
                new XAttribute("message", Clean(result.Failures[0])),
                new XAttribute("type", "TestCaseFailure"),
                Clean(text.ToString())));
        }
        if (result.Result.Logs.Count > 0)
            element.Add(new XElement("system-out", Clean(string.Join('\n', result.Result.Logs.Select(l => $"[{l.Level}] {l.Message}")))));
        return element;
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
        return clean.ToString();
    }
}
