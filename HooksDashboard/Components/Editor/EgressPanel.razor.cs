using System.Globalization;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Editor;

/// <summary>Shows and edits a hook's own egress policy (<see cref="IHookEgressStore"/>).</summary>
public partial class EgressPanel
{
    private HookEgressPolicy? _saved;
    private string _allow = "";
    private string _deny = "";
    private string _ports = "";
    private bool _https;
    private bool _http;
    private string? _error;
    private bool _busy;
    private string? _loadedHookId;

    [Inject] private IHookEgressStore Store { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The hook whose policy is edited.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedHookId == HookId)
            return;
        _loadedHookId = HookId;
        Show(await Store.GetAsync(HookId));
    }

    private void Show(HookEgressPolicy policy)
    {
        _saved = policy;
        _allow = string.Join('\n', policy.Allow);
        _deny = string.Join('\n', policy.Deny);
        _ports = string.Join(", ", policy.Ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        // Both unchecked and both checked mean the same (any scheme): show the checked form.
        _https = policy.Schemes.Count == 0 || policy.Schemes.Contains("https");
        _http = policy.Schemes.Count == 0 || policy.Schemes.Contains("http");
    }

    private async Task SaveAsync()
    {
        _error = null;
        var ports = new List<int>();
        foreach (var text in _ports.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                _error = $"ports: '{text}' is not a TCP port (1-65535)";
                return;
            }

            ports.Add(port);
        }

        if (!_https && !_http)
        {
            _error = "Allow at least one scheme (https or http).";
            return;
        }

        List<string> schemes = _https && _http ? [] : _https ? ["https"] : ["http"];
        var policy = new HookEgressPolicy(Lines(_allow), Lines(_deny), ports, schemes);
        _busy = true;
        try
        {
            Show(await Store.SetAsync(HookId, policy));
            Snackbar.Add("Egress policy saved.", Severity.Success);
        }
        catch (HookException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
