package org.mtl4j.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells executed in this kernel session, for history requests: tail, range and search (glob
 * patterns with {@code *} and {@code ?}, optionally unique), with or without outputs.
 *
 * <p>Example: after executing {@code 1+1}, {@code lookupTail(1)} gives {@code (1, 1, "1+1")}.
 */
final class CellHistory implements HistoryManager {

    /** The session number this kernel reports (one session per kernel process). */
    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    synchronized void record(int number, String input) {
        cells.add(new Cell(number, input, ""));
    }

    synchronized void recordOutput(int number, String output) {
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (cells.get(i).number() == number) {
                cells.set(i, new Cell(number, cells.get(i).input(), output));
                return;
            }
        }
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, cells.size() - Math.max(0, length));
        return entries(cells.subList(from, cells.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(
            int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Cell> range = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.number() >= start && (stop <= 0 || cell.number() < stop)) {
                range.add(cell);
            }
        }
        return entries(range, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(
            String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = Pattern.compile(
                Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"),
                Pattern.DOTALL);
        List<Cell> found = new ArrayList<>();
        for (Cell cell : cells) {
            if (glob.matcher(cell.input()).matches()) {
                found.add(cell);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            found.forEach(cell -> {
                latest.remove(cell.input());
                latest.put(cell.input(), cell);
            });
            found = new ArrayList<>(latest.values());
        }
        int from = length > 0 ? Math.max(0, found.size() - length) : 0;
        return entries(found.subList(from, found.size()), flags);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return cells.stream()
                .map(c -> new HistoryEntry(SESSION, c.number(), c.input(),
                        output ? c.output() : null))
                .toList();
    }
}
