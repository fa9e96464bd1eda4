using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HooksDashboard.Components.Logs;

/// <summary>
/// Every invocation, filtered and paged with keyset cursors, with a live tail: records committed while the page
/// is open appear at the top of the first page unless paused.
/// </summary>
public sealed partial class LogsPage : IDisposable
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    private const string AllValue = "";

    private readonly CancellationTokenSource _disposed = new();
    private IExecutionLogSubscription? _subscription;
    private IReadOnlyList<Hook> _hooks = [];
    private ExecutionLogFilter _filter = ExecutionLogFilter.All;
    private ExecutionLogPage? _page;
    private bool _live = true;
    private int _missed;
    private string? _error;

    private string _hookId = AllValue;
    private string _triggerId = AllValue;
    private string _source = AllValue;
    private string _outcome = AllValue;
    private TimeRange _range = TimeRange.Any;
    private string? _text;

    /// <summary>The time filter's choices.</summary>
    public enum TimeRange
    {
        Any,
        LastHour,
        Last24Hours,
        Last7Days,
    }

    [Inject]
    private IExecutionLogQuery Query { get; set; } = null!;

    [Inject]
    private IExecutionLogFeed Feed { get; set; } = null!;

    [Inject]
    private IHookStore Hooks { get; set; } = null!;

    [Inject]
    private IHookCatalog Catalog { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    /// <summary>Filters the page starts with (e.g. a link from a hook's page).</summary>
    [SupplyParameterFromQuery(Name = "hook")]
    public string? HookQuery { get; set; }

    private bool IsFirstPage => _page is { Newer: null };

    protected override async Task OnInitializedAsync()
    {
        // Subscribed before the first query: nothing committed in between is missed (a duplicate is skipped).
        _subscription = Feed.Subscribe();
        _ = TailAsync(_subscription, _disposed.Token);

        _hookId = HookQuery ?? AllValue;
        _hooks = await Hooks.ListAsync(cancellationToken: _disposed.Token);
        await ApplyFiltersAsync();
    }

    private static string RangeLabel(TimeRange range) => range switch
    {
        TimeRange.LastHour => "Last hour",
        TimeRange.Last24Hours => "Last 24 hours",
        TimeRange.Last7Days => "Last 7 days",
        _ => "Any time",
    };

    private async Task TailAsync(IExecutionLogSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in subscription.ReadAllAsync(cancellationToken))
                await InvokeAsync(() => OnLiveRecord(record));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private void OnLiveRecord(ExecutionLogRecord record)
    {
        if (_page is null || !_filter.Matches(record))
            return;
        if (!_live)
        {
            _missed++;
            StateHasChanged();
            return;
        }
        if (!IsFirstPage || _page.Items.Any(r => r.Id == record.Id))
            return;

        var items = new List<ExecutionLogRecord>(_page.Items.Count + 1) { record };
        items.AddRange(_page.Items);
        var older = _page.Older;
        if (items.Count > PageSize)
        {
            items.RemoveRange(PageSize, items.Count - PageSize);
            older = ExecutionLogCursor.Of(items[^1]);
        }
        _page = _page with { Items = items, Older = older };
        StateHasChanged();
    }

    private async Task LiveChanged(bool live)
    {
        _live = live;
        if (live && _missed > 0)
            await LoadAsync(ExecutionLogPageRequest.First(PageSize));
        _missed = 0;
    }

    private Task HookChangedAsync(string value) => SetAndApplyAsync(() => _hookId = value);

    private Task PointChangedAsync(string value) => SetAndApplyAsync(() => _triggerId = value);

    private Task SourceChangedAsync(string value) => SetAndApplyAsync(() => _source = value);

    private Task OutcomeChangedAsync(string value) => SetAndApplyAsync(() => _outcome = value);

    private Task RangeChangedAsync(TimeRange value) => SetAndApplyAsync(() => _range = value);

    private Task SearchAsync() => ApplyFiltersAsync();

    private async Task SearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
            await ApplyFiltersAsync();
    }

    private Task SetAndApplyAsync(Action set)
    {
        set();
        return ApplyFiltersAsync();
    }

    private Task ApplyFiltersAsync()
    {
        var now = Time.GetUtcNow();
        _filter = new ExecutionLogFilter(
            HookId: NullIfAll(_hookId),
            TriggerId: NullIfAll(_triggerId),
            Source: ExecutionLogNames.TryParseSource(_source, out var source) ? source : null,
            Outcome: ExecutionLogNames.TryParseOutcome(_outcome, out var outcome) ? outcome : null,
            From: _range switch
            {
                TimeRange.LastHour => now.AddHours(-1),
                TimeRange.Last24Hours => now.AddDays(-1),
                TimeRange.Last7Days => now.AddDays(-7),
                _ => null,
            },
            Text: string.IsNullOrWhiteSpace(_text) ? null : _text.Trim());
        _missed = 0;
        return LoadAsync(ExecutionLogPageRequest.First(PageSize));
    }

    private Task OlderAsync() => _page?.Older is { } cursor ? LoadAsync(new ExecutionLogPageRequest(PageSize, OlderThan: cursor)) : Task.CompletedTask;

    private Task NewerAsync() => _page?.Newer is { } cursor ? LoadAsync(new ExecutionLogPageRequest(PageSize, NewerThan: cursor)) : Task.CompletedTask;

    private async Task LoadAsync(ExecutionLogPageRequest request)
    {
        _error = null;
        try
        {
            _page = await Query.ListAsync(_filter, request, _disposed.Token);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // A search the full-text engine cannot read (rare, the words are quoted) must not break the page.
            _error = $"The logs could not be read: {e.Message}";
            _page ??= new ExecutionLogPage([], null, null);
        }
    }

    private async Task OpenAsync(TableRowClickEventArgs<ExecutionLogRecord> row)
    {
        if (row.Item is null)
            return;
        var parameters = new DialogParameters<ExecutionLogDialog> { { d => d.Record, row.Item } };
        await Dialogs.ShowAsync<ExecutionLogDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }

    private static string? NullIfAll(string value) => value == AllValue ? null : value;

    public void Dispose()
    {
        _disposed.Cancel();
        _subscription?.Dispose();
        _disposed.Dispose();
    }
}
