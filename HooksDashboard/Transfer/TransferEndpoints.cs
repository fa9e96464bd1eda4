namespace HooksDashboard.Transfer;

/// <summary>The dashboard's export download (admin cookie, like every dashboard endpoint): a zip in deploy-cli's layout.</summary>
public static class TransferEndpoints
{
    public const string ExportPath = "/transfer/export";

    public static IEndpointRouteBuilder MapTransferEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The link for a layout.</summary>
    public static string ExportUrl(DeployCliLayout layout) => $"{ExportPath}?format={Name(layout)}";

    private static async Task<IResult> ExportAsync(HttpRequest request, HookExporter exporter, TimeProvider time, CancellationToken cancellationToken)
    {
        DeployCliLayout layout;
        switch (request.Query["format"].ToString())
        {
            case "" or "yaml":
                layout = DeployCliLayout.Yaml;
                break;
            case "directory":
                layout = DeployCliLayout.Directory;
                break;
            default:
                return Results.BadRequest("format must be yaml or directory.");
        }
        var files = await exporter.ExportAsync(layout, cancellationToken).ConfigureAwait(false);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(HookExporter.Zip(files), "application/zip", $"hooks-{Name(layout)}-{stamp}.zip");
    }

    private static string Name(DeployCliLayout layout) => layout == DeployCliLayout.Yaml ? "yaml" : "directory";
}
