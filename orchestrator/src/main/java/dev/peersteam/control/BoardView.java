package dev.peersteam.control;

import dev.peersteam.board.Board;
import java.util.List;

/**
 * The task board as the control protocol and the team tools show it ({@code board}, {@code get_board}): every
 * task in id order.
 */
public record BoardView(List<TaskView> tasks) implements ControlReply {

    public BoardView {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public static BoardView of(Board board) {
        return new BoardView(
                board.tasks().stream().map(task -> TaskView.of(board, task)).toList());
    }
}
