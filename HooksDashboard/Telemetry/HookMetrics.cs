using System.Diagnostics;
using System.Diagnostics.Metrics;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;

namespace HooksDashboard.Telemetry;

/// <summary>
/// The <see cref="HooksTelemetry.MeterName"/> meter: hook invocations, errors and durations per point and hook, the
/// durable event queue's depth and oldest age, the execution-log writer's backlog and drops. Instruments cost nothing
/// until a listener enables them (<see cref="Instrument.Enabled"/>): <see cref="Record"/> returns before building a tag.
/// </summary>
public sealed class HookMetrics
{
    private readonly Counter<long> _invocations;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public HookMetrics(IMeterFactory meterFactory, ExecutionLog? executionLog = null, HookEventQueueSampler? eventQueue = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(HooksTelemetry.MeterName);
        _invocations = Meter.CreateCounter<long>("hooks.invocations", "{invocation}", "Hook invocations, by point, hook, source and outcome.");
        _errors = Meter.CreateCounter<long>("hooks.errors", "{invocation}", "Hook invocations that ended in an error, by point, hook, source and error kind.");
        _duration = Meter.CreateHistogram<double>("hooks.invocation.duration", "s", "How long hook invocations took inside the executor, by point, hook, source and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

        if (executionLog is not null)
        {
            Meter.CreateObservableGauge("hooks.log.backlog", () => (long)executionLog.Backlog, "{record}", "Execution records waiting for the background writer.");
            Meter.CreateObservableCounter("hooks.log.dropped", () => executionLog.DroppedCount, "{record}", "Execution records dropped because the writer's queue was full.");
        }

        if (eventQueue is not null)
        {
            EventQueueDepth = Meter.CreateObservableGauge("hooks.events.depth", () => eventQueue.Depth, "{event}", "Events of the durable queue not finished yet (pending or running).");
            EventQueueOldestAge = Meter.CreateObservableGauge("hooks.events.oldest_age", () => eventQueue.OldestAgeSeconds, "s", "Age of the oldest unfinished event of the durable queue; 0 when it is empty.");
        }
    }

    /// <summary>The meter, owned by the host's <see cref="IMeterFactory"/> (tests tell their host's instruments apart by it).</summary>
    public Meter Meter { get; }

    internal ObservableGauge<long>? EventQueueDepth { get; }

    internal ObservableGauge<double>? EventQueueOldestAge { get; }

    /// <summary>Whether anyone reads the event queue's gauges (the sampler queries the database only then).</summary>
    internal bool EventQueueObserved => EventQueueDepth is { Enabled: true } || EventQueueOldestAge is { Enabled: true };

    /// <summary>Counts one finished invocation.</summary>
    public void Record(HookInvocation invocation, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(result);
        if (!_invocations.Enabled && !_duration.Enabled && !_errors.Enabled)
            return;

        var tags = new TagList
        {
            { HooksTelemetry.PointTag, invocation.TriggerId },
            { HooksTelemetry.HookIdTag, invocation.HookId ?? "" },
            { HooksTelemetry.SourceTag, HooksTelemetry.SourceValue(invocation.Source) },
        };
        if (result.Error is { } error)
        {
            var errorTags = tags;
            errorTags.Add(HooksTelemetry.ErrorKindTag, HooksTelemetry.ErrorKindValue(error.Kind));
            _errors.Add(1, errorTags);
        }

        tags.Add(HooksTelemetry.OutcomeTag, HooksTelemetry.OutcomeValue(result));
        _invocations.Add(1, tags);
        _duration.Record(result.DurationMs / 1000.0, tags);
    }
}
