// The OWL API's OWL 2 DL profile check (org.semanticweb.owlapi.profiles.Profiles.OWL2_DL) of
// one ontology document: prints each violation on a line of its own, then "violations: N".
// Compiled and run by tests/standards/owl_tools.py against Debian's libowlapi-java.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager()
            .loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = Profiles.OWL2_DL.checkOntology(ontology);
        int count = 0;
        for (OWLProfileViolation violation : report.getViolations()) {
            System.out.println(violation.toString().replace('\n', ' '));
            count++;
        }
        System.out.println("violations: " + count);
    }
}
