package io.eventmonitoring.user.simulation;

import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.command.simulator.RecentEntities;
import io.eventmonitoring.command.simulator.SimulatedCommand;
import io.eventmonitoring.command.simulator.TrafficSource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.user.account.AccountCommands;
import io.eventmonitoring.user.account.PasswordReset;
import io.eventmonitoring.user.account.PostReview;
import io.eventmonitoring.user.account.ResetChannel;
import io.eventmonitoring.user.account.SignUp;
import io.eventmonitoring.user.account.UpdateProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * Random user traffic, as the original demo sent it: mostly sign-ups and reviews, some profile edits, fewer
 * password resets and deletions. Commands on existing users pick users the simulator itself signed up.
 */
@ApplicationScoped
public class UserTraffic implements TrafficSource {

    private static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald",
            "Frances", "Ken", "Margaret", "Dennis", "Radia", "Tim", "Hedy", "Linus", "Katherine", "John");
    private static final List<String> LAST_NAMES = List.of("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov",
            "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Lamarr", "Johnson");
    private static final List<String> PRODUCTS = List.of("KB-MECH-01", "MOUSE-ERGO-2", "MONITOR-27-4K",
            "HEADSET-BT-5", "DOCK-USB-C", "CHAIR-MESH", "LAMP-LED-3", "WEBCAM-HD");
    private static final List<String> GOOD_TITLES = List.of("Does what it says", "Great value", "Would buy again",
            "Solid and quiet", "Better than expected");
    private static final List<String> BAD_TITLES = List.of("Broke after a week", "Not as described",
            "Arrived damaged", "Too loud");
    private static final List<String> BIOS = List.of("Writes notes on engines.", "Ships code on Fridays.",
            "Collects mechanical keyboards.", "Runs the local user group.", "");
    private static final List<String> DELETION_REASONS = List.of("no longer needed", "privacy", "duplicate account",
            "switched to a competitor");

    private final AccountCommands commands;
    private final EventPublisher publisher;
    private final RecentEntities<Boolean> users = new RecentEntities<>(500);

    UserTraffic(AccountCommands commands, EventPublisher publisher) {
        this.commands = commands;
        this.publisher = publisher;
    }

    @Override
    public List<SimulatedCommand> commands() {
        return List.of(
                new SimulatedCommand("sign-up", 30, this::signUp),
                new SimulatedCommand("update-profile", 20, random -> onKnownUser(random, this::updateProfile)),
                new SimulatedCommand("post-review", 30, random -> onKnownUser(random, this::postReview)),
                new SimulatedCommand("request-password-reset", 12, random -> onKnownUser(random, this::requestPasswordReset)),
                new SimulatedCommand("delete-account", 8, this::deleteAccount));
    }

    private CompletionStage<CloudEvent> signUp(RandomGenerator random) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        SignUp body = new SignUp(email(random, first, last), first + " " + last);
        return publisher.publish(commands.signUp(body)).thenApply(event -> {
            users.add(event.subject(), Boolean.TRUE);
            return event;
        });
    }

    private CompletionStage<CloudEvent> updateProfile(RandomGenerator random, String userId) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String bio = pick(random, BIOS);
        return publisher.publish(commands.updateProfile(userId, new UpdateProfile(email(random, first, last), first + " " + last,
                bio.isEmpty() ? null : bio)));
    }

    private CompletionStage<CloudEvent> postReview(RandomGenerator random, String userId) {
        // Most reviews are happy ones.
        int rating = random.nextDouble() < 0.75 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
        String title = pick(random, rating >= 4 ? GOOD_TITLES : BAD_TITLES);
        return publisher.publish(commands.postReview(userId, new PostReview(pick(random, PRODUCTS), rating, title,
                random.nextBoolean() ? null : title + ". Used it for " + (1 + random.nextInt(12)) + " weeks.")));
    }

    private CompletionStage<CloudEvent> requestPasswordReset(RandomGenerator random, String userId) {
        return publisher.publish(commands.requestPasswordReset(userId,
                new PasswordReset(random.nextDouble() < 0.8 ? ResetChannel.EMAIL : ResetChannel.SMS)));
    }

    private CompletionStage<CloudEvent> deleteAccount(RandomGenerator random) {
        Optional<RecentEntities.Entity<Boolean>> user = users.take(random);
        if (user.isEmpty()) {
            return signUp(random);
        }
        return publisher.publish(commands.deleteAccount(user.get().id(), pick(random, DELETION_REASONS)));
    }

    private CompletionStage<CloudEvent> onKnownUser(RandomGenerator random, UserCommand command) {
        Optional<RecentEntities.Entity<Boolean>> user = users.any(random);
        return user.isPresent() ? command.send(random, user.get().id()) : signUp(random);
    }

    @FunctionalInterface
    private interface UserCommand {
        CompletionStage<CloudEvent> send(RandomGenerator random, String userId);
    }

    private static String email(RandomGenerator random, String first, String last) {
        return (first + "." + last).toLowerCase(Locale.ROOT) + random.nextInt(1000) + "@example.com";
    }

    private static String pick(RandomGenerator random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
