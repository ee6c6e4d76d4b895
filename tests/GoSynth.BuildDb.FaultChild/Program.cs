using GoSynth.BuildDb;

// Appends to a build database until killed, printing one acknowledgement line per durable append:
//   R <run> .                      a run started
//   S <attempt> <node> .           an attempt started
//   F <attempt> <status> .         an attempt finished
//   A <attempt> <node> <status> .  an attempt recorded in one step
// Every field an attempt stores is derived from its node name (see FaultRecords), so the parent can check that
// each attempt it reads back is one this process wrote, and that every acknowledged one is there.
// Usage: GoSynth.BuildDb.FaultChild <db path> <Always|Batched|None> <seed>
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: GoSynth.BuildDb.FaultChild <db> <durability> <seed>");
    return 2;
}

var durability = Enum.Parse<Durability>(args[1]);
var seed = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var output = Console.Out;
var gate = new Lock();
void Ack(string line)
{
    lock (gate)
    {
        output.Write(line + " .\n");
        output.Flush();
    }
}

await using var db = await BuildDatabase.OpenAsync(args[0], new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(2) });
var run = await db.StartRunAsync("fault");
Ack($"R {run.Id}");
Ack("ready");
var sequence = 0;
var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
{
    var random = new Random(seed * 31 + worker);
    while (true)
    {
        var n = Interlocked.Increment(ref sequence);
        var node = $"fault/s{seed}-n{n}";
        var status = FaultRecords.StatusOf(n);
        if (random.Next(3) == 0)
        {
            var a = await db.RecordAttemptAsync(run.Id, FaultRecords.Record(node, n));
            Ack($"A {a.Id} {node} {a.Status}");
        }
        else
        {
            var started = await db.StartAttemptAsync(run.Id, node, FaultRecords.Version(n), FaultRecords.Slot(n));
            Ack($"S {started.Id} {node}");
            var finished = await db.FinishAttemptAsync(started.Id, FaultRecords.Result(n));
            Ack($"F {finished.Id} {finished.Status}");
        }
    }
})).ToArray();
await Task.WhenAll(workers);
return 0;
