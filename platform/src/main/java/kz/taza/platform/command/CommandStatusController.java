package kz.taza.platform.command;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;

/**
 * The status URL of a command: its result (accepted or rejected), on any instance of the service, for commands
 * answered within the results look-back; 404 while no result is known.
 */
@RestController
public class CommandStatusController {

    private final List<CommandGateway<?>> gateways;

    public CommandStatusController(List<CommandGateway<?>> gateways) {
        this.gateways = gateways;
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.FORESTER, Role.OPERATOR, Role.GATEWAY})
    @GetMapping(CommandResponses.STATUS_PATH)
    public ResponseEntity<CommandStatusView> status(@PathVariable String commandId) {
        for (CommandGateway<?> gateway : gateways) {
            CommandReceipt receipt = gateway.status(commandId);
            if (!receipt.isPending()) {
                return ResponseEntity.ok(CommandStatusView.of(receipt.result().orElseThrow()));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No result is known for command "
                + commandId + ": it is still being processed, or it is unknown or older than the results look-back");
        problem.setTitle("No result yet");
        return CommandResponses.otherBody(ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem));
    }
}
